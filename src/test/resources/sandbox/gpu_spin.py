import threading
import time


def _spin(flag):
    # the way a kernel launch loop busy-waits on a device flag that never flips
    while not flag[0]:
        time.perf_counter()


def attack():
    flag = [False]
    threads = [threading.Thread(target=_spin, args=(flag,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
