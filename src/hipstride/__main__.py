"""``python -m hipstride`` runs the CLI."""

from hipstride.cli.app import main

main()
