"""`python -m peerbot` runs the same command line as `peerbot`."""

from peerbot.cli import main

main()
