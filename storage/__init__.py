"""Persistence: the SQLite database (aiosqlite) and content-addressed picture files."""
