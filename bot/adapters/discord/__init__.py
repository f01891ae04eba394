"""Discord: slash commands in a class server (discord.py 2.x). Only this package imports discord."""
