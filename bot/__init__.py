"""Pictolingo's bot: config, CLI, the dialogue layer, handlers and platform adapters."""
