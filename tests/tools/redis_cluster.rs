//! The rate-limit layer on a real Redis Cluster of three masters over loopback (started here
//! with `redis-server --cluster-enabled yes` and `redis-cli --cluster create`): two instances
//! admit each caller's limit once between them, callers whose rings live on different masters
//! alike, and a master killed mid-run gives its callers the configured fail-open or
//! fail-closed answer while the other masters' callers are still counted.

use crate::http_support::{admitted, burst, free_port, ratelimited_app as app, serve};
use crate::redis::block_on;
use errspec::Scope;
use errspec::ratelimit::{Counted, OnStoreError, RedisStore};
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

/// A cluster of three masters on free loopback ports, each in a folder of its own; stopped
/// when dropped.
struct Cluster {
    nodes: Vec<(u16, Child)>,
    cli: PathBuf,
    _dir: tempfile::TempDir,
}

impl Cluster {
    fn start(server: &Path, cli: &Path) -> Self {
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
    fn ask(&self, port: u16, args: &[&str]) -> String {
        let output = Command::new(&self.cli)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .args(args)
            .output()
            .expect("redis-cli runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn urls(&self) -> Vec<String> {
        self.nodes
            .iter()
            .map(|(port, _)| format!("redis://127.0.0.1:{port}/"))
            .collect()
    }

    /// The port of the master that serves `key`.
    fn master_of(&self, key: &str) -> u16 {
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
    fn kill(&mut self, port: u16) {
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

/// The ring key of the funder offers API's caller `caller` under `prefix`.
fn ring_key(store: &RedisStore, caller: &str) -> String {
    store.key(&Counted {
        scope: Scope::ApiKey,
        bucket: "",
        key: caller,
        limits: &[],
    })
}

pub fn two_instances_on_a_cluster_admit_each_limit_once_and_a_dead_master_fails_as_configured(
    (server, cli): (PathBuf, PathBuf),
) {
    let mut cluster = Cluster::start(&server, &cli);
    block_on(async {
        let urls = cluster.urls();
        let nodes: Vec<&str> = urls.iter().map(String::as_str).collect();
        let connect = || RedisStore::connect_cluster(&nodes, "fleet");
        let (one, two) = (connect().await.unwrap(), connect().await.unwrap());
        // Callers whose rings live on each of the three masters.
        let mut callers: Vec<(String, u16)> = Vec::new();
        for i in 0..200 {
            let caller = format!("caller-{i}");
            let master = cluster.master_of(&ring_key(&one, &caller));
            if callers.iter().filter(|(_, m)| *m == master).count() < 2 {
                callers.push((caller, master));
            }
        }
        let masters: std::collections::BTreeSet<u16> = callers.iter().map(|(_, m)| *m).collect();
        assert_eq!(masters.len(), 3, "callers on every master: {callers:?}");
        let a = serve(app(one, OnStoreError::FailOpen)).await;
        let b = serve(app(two, OnStoreError::FailClosed)).await;
        for (caller, _) in &callers {
            let (statuses, elapsed) = burst(&[a, b], caller, 16).await;
            assert!(
                statuses.iter().all(|&s| s == 200 || s == 429),
                "{statuses:?}"
            );
            if elapsed < Duration::from_secs(1) {
                assert_eq!(admitted(&statuses), 5, "{caller}: {statuses:?}");
            }
        }
        // One master dies: its callers get the configured answer, the others are counted.
        let (dead_caller, dead) = callers[0].clone();
        cluster.kill(dead);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let (open, _) = burst(&[a], &dead_caller, 8).await;
        assert_eq!(
            admitted(&open),
            8,
            "fail open lets {dead_caller} through: {open:?}"
        );
        let (closed, _) = burst(&[b], &dead_caller, 3).await;
        assert_eq!(closed, [503, 503, 503], "fail closed refuses {dead_caller}");
        let (alive, _) = callers
            .iter()
            .find(|(_, master)| *master != dead)
            .cloned()
            .expect("a caller on a live master");
        let (statuses, elapsed) = burst(&[a, b], &alive, 12).await;
        if elapsed < Duration::from_secs(1) {
            assert_eq!(admitted(&statuses), 5, "{alive}: {statuses:?}");
        }
    });
}
