"""Command-line interface: `policy-desk SUBCOMMAND`. Each subcommand lives in its own module
with a `register(subparsers)` function; add the module name to COMMAND_MODULES."""
