"""`python -m lint` runs the `txtlint` command."""

from lint.cli import main

main(prog_name="txtlint")
