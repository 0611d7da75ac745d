"""peerbot on Discord: slash commands from the command table, modals, and scheduled posts.

Inside this package `import discord` is the discord.py library (imports are absolute; this
package is `adapters.discord`).
"""

from adapters.discord.adapter import DiscordAdapter
from adapters.discord.poster import DiscordPoster

__all__ = ["DiscordAdapter", "DiscordPoster"]
