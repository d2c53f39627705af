"""One module per release check; registry.registered_checks() imports every module here."""
