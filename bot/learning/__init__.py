"""Learning logic, platform-neutral: dictionary, word cards, quizzes, spaced review, streaks."""
