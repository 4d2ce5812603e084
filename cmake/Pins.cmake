# Source dependencies, pinned by Debian source package version and the sha256
# of the upstream (orig) tarball. Change both together.
set(LJP_LUAJIT_PACKAGE luajit)
set(LJP_LUAJIT_DEB_VERSION 2.1.0+openresty20251030-1)
set(LJP_LUAJIT_TARBALL luajit_2.1.0+openresty20251030.orig.tar.xz)
set(LJP_LUAJIT_SHA256 04106b57bb3b089ce21ae606163c6fbd260f245580cfeb45484201fd86835190)

set(LJP_IMGUI_PACKAGE imgui)
set(LJP_IMGUI_DEB_VERSION 1.92.2b+ds-1)
set(LJP_IMGUI_TARBALL imgui_1.92.2b+ds.orig.tar.xz)
set(LJP_IMGUI_SHA256 e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48)
