"""The Telegram adapter (python-telegram-bot v22): the only code that imports `telegram`."""

import os

# Opt in now to PTB's future timedelta durations (retry_after etc.), as its warning asks.
os.environ.setdefault("PTB_TIMEDELTA", "1")
