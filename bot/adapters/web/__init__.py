"""The local web chat and the teacher dashboard (aiohttp; no build step, no external resources)."""
