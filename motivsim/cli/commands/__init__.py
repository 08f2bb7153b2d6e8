"""One module per subcommand, each with DESCRIPTION, add_arguments(parser) and run(args)
(the one-line help of each is in :data:`motivsim.cli.app.COMMANDS`)."""
