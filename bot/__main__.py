"""`python -m bot` runs the same command line as `peerbot`."""

from bot.cli import main

main()
