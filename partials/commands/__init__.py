"""One module per `partials` sub-command: add_arguments(parser) and run(args) -> int."""
