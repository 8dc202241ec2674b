"""A TCP proxy that makes a local server look remote: every chunk is delayed by D ms in each
direction (round trip 2D), order kept, no bandwidth limit (recipe: ci-and-tests.md, "A slow
network on loopback"; tc netem needs kernel modules these machines may not load).

    proxy = DelayProxy(target_port, delay_ms=15).start()   # thread with its own asyncio loop
    ... connect to 127.0.0.1:proxy.port ...
    proxy.stop()

    python bench/delay_proxy.py --target 143 --delay-ms 15 [--port 1143]   # stand-alone
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import threading
import time


class DelayProxy:
    def __init__(self, target_port: int, delay_ms: float, port: int = 0, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.delay = delay_ms / 1000.0
        self.port = port
        self.connections = 0
        self.bytes_down = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    async def _pump(self, reader, writer, down: bool) -> None:
        """Read chunks as they come; each is written ``delay`` after it was read (a queue keeps
        the order, so a stream of chunks is delayed, not slowed down)."""
        q: asyncio.Queue = asyncio.Queue()

        async def send() -> None:
            loop = asyncio.get_running_loop()
            while True:
                due, data = await q.get()
                if data is None:
                    break
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.create_task(send())
        loop = asyncio.get_running_loop()
        try:
            while data := await reader.read(1 << 16):
                if down:
                    self.bytes_down += len(data)
                q.put_nowait((loop.time() + self.delay, data))
        except (ConnectionError, OSError):
            pass
        q.put_nowait((loop.time() + self.delay, None))
        try:
            await sender
        except (ConnectionError, OSError):
            pass

    async def _handle(self, client_r, client_w) -> None:
        self.connections += 1
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.close()
            return
        for w in (client_w, server_w):
            w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.gather(self._pump(client_r, server_w, False), self._pump(server_r, client_w, True))

    async def _main(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        async with self._server:
            await self._server.serve_forever()

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        try:
            self._loop.run_until_complete(self._main())
        except asyncio.CancelledError:
            pass
        finally:
            self._loop.close()

    def start(self) -> "DelayProxy":
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("delay proxy did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
            for task in asyncio.all_tasks(self._loop):
                self._loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None:
            self._thread.join(5)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", type=int, required=True, help="port of the server on 127.0.0.1")
    ap.add_argument("--delay-ms", type=float, default=15.0, help="delay each way (round trip = 2x)")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    proxy = DelayProxy(args.target, args.delay_ms, args.port).start()
    print(f"127.0.0.1:{proxy.port} -> 127.0.0.1:{args.target}, {args.delay_ms:g} ms each way", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        proxy.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
