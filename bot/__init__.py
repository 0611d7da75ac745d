"""peerbot: the core of a study group's peer-session bot (no platform or database imports here)."""

__version__ = "0.1.0"
