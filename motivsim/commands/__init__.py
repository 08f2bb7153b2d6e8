"""One module per subcommand, each with HELP, DESCRIPTION, add_arguments(parser), run(args)."""
