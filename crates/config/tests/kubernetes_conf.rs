//! deploy/kubernetes/shoal.conf loads with the arguments the StatefulSet passes, and gives the
//! settings the manifests rely on. A parameter renamed or removed in shoal would otherwise
//! surface only as a crash-looping pod.

use std::path::PathBuf;

use shoal_config::{from_args, Param};

fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The container's `args:` list in statefulset.yaml (one `- item` per line).
fn statefulset_args(yaml: &str) -> Vec<String> {
    let mut lines = yaml.lines().skip_while(|l| l.trim() != "args:").skip(1);
    let mut args = Vec::new();
    for line in lines.by_ref() {
        let Some(item) = line.trim().strip_prefix("- ") else {
            break;
        };
        args.push(item.trim_matches('"').to_string());
    }
    assert!(!args.is_empty(), "no args: list in statefulset.yaml");
    args
}

/// `limits: memory:` of statefulset.yaml in bytes (Ki/Mi/Gi suffixes).
fn memory_limit(yaml: &str) -> u64 {
    let mut in_limits = false;
    for line in yaml.lines() {
        let t = line.trim();
        if t == "limits:" {
            in_limits = true;
        } else if in_limits {
            if let Some(v) = t.strip_prefix("memory:") {
                let v = v.trim().trim_matches('"');
                let (num, unit) = v.split_at(v.find(|c: char| !c.is_ascii_digit()).unwrap());
                let shift = match unit {
                    "Ki" => 10,
                    "Mi" => 20,
                    "Gi" => 30,
                    _ => panic!("unexpected memory unit in {v:?}"),
                };
                return num.parse::<u64>().unwrap() << shift;
            }
        }
    }
    panic!("no limits.memory in statefulset.yaml")
}

#[test]
fn kubernetes_conf_loads_with_the_statefulset_args() {
    let yaml = read("deploy/kubernetes/statefulset.yaml");
    let args = statefulset_args(&yaml);
    assert_eq!(
        args[0], "/etc/shoal/shoal.conf",
        "the ConfigMap's mount path"
    );
    let password = "p4ss word \"quoted\"";
    let argv: Vec<String> = args
        .iter()
        .map(|a| match a.as_str() {
            "/etc/shoal/shoal.conf" => repo_file("deploy/kubernetes/shoal.conf")
                .to_string_lossy()
                .into_owned(),
            "$(SHOAL_PASSWORD)" => password.to_string(),
            other => other.to_string(),
        })
        .collect();
    let config = from_args(argv).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(config.get_string(Param::Requirepass), password);
    assert_eq!(config.get_string(Param::Bind), "0.0.0.0 -::");
    assert_eq!(config.get_string(Param::AdminBind), "0.0.0.0");
    assert_eq!(config.get_i64(Param::Port), 6379);
    assert_eq!(config.get_i64(Param::AdminPort), 9850);
    assert!(config.get_bool(Param::ProtectedMode));
    assert_eq!(
        config.get_i64(Param::Shards),
        0,
        "shards follow the CPU limit"
    );
    assert!(!config.get_bool(Param::PinThreads));
    assert_eq!(
        config.get_i64(Param::BusyPollUs),
        0,
        "polling would spend the pod's CPU quota"
    );

    let maxmemory = config.maxmemory();
    let limit = memory_limit(&yaml);
    assert!(
        maxmemory > 0,
        "a pod needs a maxmemory below its memory limit"
    );
    assert!(
        maxmemory * 10 <= limit * 8,
        "maxmemory {maxmemory} leaves under 20% of the {limit}-byte memory limit"
    );
}
