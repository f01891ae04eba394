"""Daily vocabulary challenges: when they happen, which word, who answered, the class standings."""
