"""Commands: one module per command (render, send, sources, ...); each returns a result and prints nothing."""
