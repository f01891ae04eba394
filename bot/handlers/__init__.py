"""One module per command. Importing this package registers every handler with the router."""

from bot.handlers import cancel, help, history, sentence, start, word

__all__ = ["cancel", "help", "history", "sentence", "start", "word"]
