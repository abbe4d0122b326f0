"""The API's routers, one module per family of questions (as in the CLI)."""
