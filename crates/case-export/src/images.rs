//! The program images of a case (`gosim::image`): its program and each fix,
//! compiled under every Go release gosim models, so the browser can run a
//! case without carrying the compiler.
//!
//! Releases that compile a program alike share one image: the file name is
//! a hash of the image's bytes, so equal images are one file. Native only.

use case_data::CaseFile;
use gosim::config::{GoVersion, RunConfig};

/// The directory, under the cases output, that holds the image files.
pub const DIR: &str = "p";

/// One image file of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// 0 for the case's program, `i` for fix `i` (1-based).
    pub variant: usize,
    /// The Go minor versions this image is the compiled program for.
    pub go: Vec<u8>,
    /// `p/<hash>.bin`, relative to the cases directory.
    pub file: String,
    pub bytes: Vec<u8>,
}

/// The images of `case`, variant by variant, in release order.
pub fn compute(case: &CaseFile) -> Vec<Image> {
    let mut out: Vec<Image> = Vec::new();
    let sources = std::iter::once(&case.source).chain(case.fixes.iter().map(|f| &f.source));
    for (variant, source) in sources.enumerate() {
        for go in GoVersion::MODELLED {
            let cfg = RunConfig {
                go_version: go,
                ..RunConfig::default()
            };
            let bytes = gosim::image::encode(&gosim::program::compile(source, &cfg));
            match out
                .iter_mut()
                .find(|i| i.variant == variant && i.bytes == bytes)
            {
                Some(same) => same.go.push(go.minor()),
                None => out.push(Image {
                    variant,
                    go: vec![go.minor()],
                    file: format!("{DIR}/{:016x}.bin", fnv64(&bytes)),
                    bytes,
                }),
            }
        }
    }
    out
}

/// FNV-1a: a stable name for equal bytes, across runs and machines.
fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_release_of_every_variant_has_one_image_that_reads_back() {
        let case = case_data::load_dir(&case_data::repo_cases_dir())
            .expect("cases load")
            .into_iter()
            .map(|(_, c)| c)
            .find(|c| c.slug.contains("loop-variable"))
            .expect("the loop-variable case");
        let images = compute(&case);
        for variant in 0..=case.fixes.len() {
            let mut go: Vec<u8> = images
                .iter()
                .filter(|i| i.variant == variant)
                .flat_map(|i| i.go.iter().copied())
                .collect();
            gosim::util::order::sort(&mut go);
            let all: Vec<u8> = GoVersion::MODELLED.iter().map(|v| v.minor()).collect();
            assert_eq!(go, all, "variant {variant}");
        }
        // The loop variable's meaning changed in Go 1.22: two images at least.
        assert!(images.iter().filter(|i| i.variant == 0).count() >= 2);
        for image in &images {
            assert!(gosim::image::decode(&image.bytes).is_ok(), "{}", image.file);
            assert!(image.file.starts_with("p/") && image.file.ends_with(".bin"));
        }
    }
}
