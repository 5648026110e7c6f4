"""Socket Tester's non-visual core: sessions around Qt sockets, codecs, demo servers,
capture and settings. Nothing in this package imports QtWidgets, except the launcher
(`python -m app`, in __main__.py), which starts the window from `ui/`."""

__version__ = "0.1.0"
