//! A Redis Cluster of three masters on free loopback ports, for the tests and benchmarks that
//! need one: started with `redis-server --cluster-enabled yes` and `redis-cli --cluster
//! create`, stopped when dropped. Shared by the `tools` tests and the load run of
//! `errspec-bench` (`#[path]`), so it depends on nothing but `tempfile`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `redis-server` and `redis-cli`, on the PATH.
pub fn cluster_tools() -> Result<(PathBuf, PathBuf), String> {
    let works = |program: &str| {
        Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    match (works("redis-server"), works("redis-cli")) {
        (true, true) => Ok(("redis-server".into(), "redis-cli".into())),
        _ => Err("redis-server and redis-cli are not installed: apt-get install redis-server redis-tools".into()),
    }
}

/// A free TCP port on 127.0.0.1 (free when asked; taken again by whoever binds first).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A cluster of three masters on free loopback ports, each in a folder of its own; stopped
/// when dropped.
pub struct Cluster {
    nodes: Vec<(u16, Child)>,
    cli: PathBuf,
    _dir: tempfile::TempDir,
}

impl Cluster {
    pub fn start(server: &Path, cli: &Path) -> Self {
        let dir = tempfile::tempdir().expect("a folder for the nodes");
        let mut nodes = Vec::new();
        for _ in 0..3 {
            let port = free_port();
            let folder = dir.path().join(port.to_string());
            std::fs::create_dir_all(&folder).expect("node folder");
            let child = Command::new(server)
                .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
                .args(["--cluster-enabled", "yes", "--cluster-node-timeout", "2000"])
                // The live masters keep serving their slots while one is down.
                .args(["--cluster-require-full-coverage", "no"])
                .args(["--save", "", "--appendonly", "no"])
                .current_dir(&folder)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("redis-server starts");
            nodes.push((port, child));
        }
        for (port, _) in &nodes {
            wait_until(|| std::net::TcpStream::connect(("127.0.0.1", *port)).is_ok());
        }
        let cluster = Self {
            nodes,
            cli: cli.to_path_buf(),
            _dir: dir,
        };
        let addresses: Vec<String> = cluster
            .nodes
            .iter()
            .map(|(port, _)| format!("127.0.0.1:{port}"))
            .collect();
        let created = Command::new(cli)
            .args(["--cluster", "create"])
            .args(&addresses)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .output()
            .expect("redis-cli runs");
        assert!(created.status.success(), "{created:?}");
        for (port, _) in &cluster.nodes {
            wait_until(|| {
                cluster
                    .ask(*port, &["CLUSTER", "INFO"])
                    .contains("cluster_state:ok")
            });
        }
        cluster
    }

    /// `redis-cli -p port args...`'s output.
    pub fn ask(&self, port: u16, args: &[&str]) -> String {
        let output = Command::new(&self.cli)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .args(args)
            .output()
            .expect("redis-cli runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn urls(&self) -> Vec<String> {
        self.nodes
            .iter()
            .map(|(port, _)| format!("redis://127.0.0.1:{port}/"))
            .collect()
    }

    /// The port of the master that serves `key`.
    pub fn master_of(&self, key: &str) -> u16 {
        let port = self.nodes[0].0;
        let slot: u16 = self
            .ask(port, &["CLUSTER", "KEYSLOT", key])
            .trim()
            .parse()
            .expect("a slot");
        let nodes = self.ask(port, &["CLUSTER", "NODES"]);
        for line in nodes.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let address = fields
                .get(1)
                .and_then(|a| a.split('@').next())
                .unwrap_or("");
            let serves = fields.iter().skip(8).any(|range| {
                let (low, high) = range.split_once('-').unwrap_or((range, range));
                match (low.parse::<u16>(), high.parse::<u16>()) {
                    (Ok(low), Ok(high)) => (low..=high).contains(&slot),
                    _ => false,
                }
            });
            if serves {
                return address
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("a port");
            }
        }
        panic!("no master serves slot {slot}:\n{nodes}");
    }

    /// Kills the master on `port`.
    pub fn kill(&mut self, port: u16) {
        if let Some((_, child)) = self.nodes.iter_mut().find(|(p, _)| *p == port) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for (_, child) in &mut self.nodes {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Waits up to 20 s for `ready`.
fn wait_until(mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "the cluster did not come up");
        std::thread::sleep(Duration::from_millis(50));
    }
}
