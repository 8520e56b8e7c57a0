//! Object storage through `object_store`: a local folder by default,
//! S3/MinIO with `STORAGE_URL=s3://bucket` — the same code either way.

use std::sync::Arc;

use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::config::Config;

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
}

impl Storage {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let store: Arc<dyn ObjectStore> = match config.storage_url.as_deref() {
            Some(url) if url.starts_with("s3://") => {
                let bucket = url.trim_start_matches("s3://").trim_end_matches('/');
                Arc::new(AmazonS3Builder::from_env().with_bucket_name(bucket).with_allow_http(true).build()?)
            }
            Some(url) => {
                let dir = url.trim_start_matches("file://");
                std::fs::create_dir_all(dir)?;
                Arc::new(LocalFileSystem::new_with_prefix(dir)?)
            }
            None => {
                let dir = config.data_dir.join("files");
                std::fs::create_dir_all(&dir)?;
                Arc::new(LocalFileSystem::new_with_prefix(dir)?)
            }
        };
        Ok(Self { store })
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> anyhow::Result<()> {
        self.store.put(&Path::from(key), PutPayload::from(bytes)).await?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Bytes> {
        Ok(self.store.get(&Path::from(key)).await?.bytes().await?)
    }

    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// The raster image type the bytes really are (PNG, JPEG, GIF or WebP), or
/// `None`. Anything shown inline as an image is decided by this, never by a
/// declared type: an SVG or HTML file named `.png` is not an image here.
pub fn raster_image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::raster_image_type;

    #[test]
    fn only_raster_magic_bytes_make_an_image() {
        assert_eq!(raster_image_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(raster_image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(raster_image_type(b"GIF89a\x01\x00"), Some("image/gif"));
        assert_eq!(raster_image_type(b"RIFF\x24\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(raster_image_type(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"), None);
        assert_eq!(raster_image_type(b"<!doctype html><script>alert(1)</script>"), None);
        assert_eq!(raster_image_type(b"\x89PN"), None);
        assert_eq!(raster_image_type(b"RIFF\0\0\0\0WAVE"), None);
    }
}
