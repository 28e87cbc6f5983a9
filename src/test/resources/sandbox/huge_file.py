def attack():
    chunk = b"g" * (1 << 20)
    with open("/job/out/big.bin", "wb") as f:
        for _ in range(2048):
            f.write(chunk)
