"""Socket Tester's non-visual core: sessions around Qt sockets, codecs, demo servers,
capture and settings. Nothing in this package imports QtWidgets."""

__version__ = "0.1.0"
