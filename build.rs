//! On Windows targets: the program's icon and version information (产品名称 志愿服务台账),
//! compiled from a generated resource script with MinGW's windres and linked into the .exe.

use std::error::Error;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/windows");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if let Err(e) = resources() {
        eprintln!("error: Windows resources: {e}");
        std::process::exit(1);
    }
}

fn resources() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let icon = manifest.join("assets/windows/volunteer-ledger.ico");
    let version = std::env::var("CARGO_PKG_VERSION")?;
    let mut parts: Vec<u16> = version
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse().ok())
        .collect();
    parts.resize(4, 0);
    let numeric = format!("{},{},{},{}", parts[0], parts[1], parts[2], parts[3]);
    let icon_path = icon.display().to_string().replace('\\', "/");
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon_path}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "CompanyName", "滨海新区志愿服务"
      VALUE "FileDescription", "志愿服务台账"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "volunteer-ledger"
      VALUE "LegalCopyright", "字体：Noto Sans CJK SC，SIL Open Font License 1.1"
      VALUE "OriginalFilename", "volunteer-ledger.exe"
      VALUE "ProductName", "志愿服务台账"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x804, 1200
  END
END
"#
    );
    let rc_path = out.join("app.rc");
    std::fs::write(&rc_path, rc)?;
    let object = out.join("app-resources.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        let target = std::env::var("TARGET").unwrap_or_default();
        if target.starts_with("x86_64") {
            "x86_64-w64-mingw32-windres".into()
        } else {
            "windres".into()
        }
    });
    let status = Command::new(&windres)
        .arg("--input-format=rc")
        .arg("--output-format=coff")
        .arg("-c")
        .arg("65001")
        .arg("-i")
        .arg(&rc_path)
        .arg("-o")
        .arg(&object)
        .status()
        .map_err(|e| format!("cannot run {windres}: {e}"))?;
    if !status.success() {
        return Err(format!("{windres} failed with {status}").into());
    }
    println!("cargo:rustc-link-arg-bins={}", object.display());
    Ok(())
}
