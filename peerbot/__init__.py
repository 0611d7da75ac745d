"""peerbot's composition root and command line: the one place that knows every concrete class.

`bot/` is the core, `adapters/` the chat platforms, `storage/` the database; this package wires
them together (`bootstrap`), reads the environment (`config`) and serves `peerbot ...` (`cli`).
"""
