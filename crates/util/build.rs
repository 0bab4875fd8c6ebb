//! Compiles the C shim that gives INCRBYFLOAT the x87 `long double` arithmetic and
//! glibc `printf` formatting Redis uses; Rust has no 80-bit float type.

fn main() {
    println!("cargo:rerun-if-changed=src/longdouble.c");
    cc::Build::new()
        .file("src/longdouble.c")
        .flag_if_supported("-std=c11")
        .warnings(true)
        .compile("shoal_longdouble");
}
