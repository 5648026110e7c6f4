"""Socket Tester widgets: they talk to app/ through signals and methods, never to a socket."""
