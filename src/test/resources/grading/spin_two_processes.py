import os
import time


def spin():
    """Reports its thread-pool size, then keeps two processes busy until the wall limit."""
    print("THREADS", os.environ.get("OMP_NUM_THREADS"), flush=True)
    for _ in range(2):
        if os.fork() == 0:
            while True:
                pass
    time.sleep(60)
