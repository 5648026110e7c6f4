"""The built-in demo servers' names and what each does, without Qt.

Apart from app.demo_servers: the command line lists and checks the kinds before anything
of Qt's network module is loaded (start-up time, see README "Performance").
"""

DEMO_KINDS: dict[str, str] = {
    "echo": "Sends back every byte it receives.",
    "eof": "Reads until it has seen <EOF>, sends everything up to and including it back, then closes "
           "(the server of the classic .NET asynchronous client example).",
    "drip": "Replies to each chunk with the same bytes in small pieces, with a pause between them, "
            "so the client gets several receive callbacks.",
    "flood": "Streams a repeating line of text as fast as the client reads it (with back-pressure).",
    "discard": "Reads and throws away everything it receives (and counts it).",
    "never-read": "Accepts and never reads, so whatever the client sends piles up: back-pressure.",
    "close-after-reply": "Replies \"bye\" to the first chunk it receives, then closes the connection.",
    "reset": "Resets the connection (RST) when data arrives: the client sees \"Connection reset by peer\".",
    "silent": "Accepts and reads, but never answers: a reply timeout (Teaching tab) fires.",
    "slow-accept": "Its accept queue is full, so connecting hangs (no SYN-ACK) until the client's "
                   "connect timeout fires.",
}
