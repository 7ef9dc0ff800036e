"""One module per data kind: its schema, the files it reads and the models it builds."""
