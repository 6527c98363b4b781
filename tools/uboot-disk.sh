#!/usr/bin/env bash
# uboot-disk.sh IMAGE BOOT.CMD OUT.img: the disk `make run BOOT=uboot` boots:
# an MBR with one bootable FAT partition from 1 MiB, holding IMAGE as
# payload.bin and BOOT.CMD compiled into boot.scr, which U-Boot's distro
# boot looks for in the first bootable partition.  Needs mkimage
# (u-boot-tools) and mtools; no root, no loop device.
set -euo pipefail
image=$1 script=$2 out=$3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkimage -A riscv -O linux -T script -C none -n "memblock-rv boot script" \
	-d "$script" "$tmp/boot.scr" >"$tmp/mkimage.log" ||
	{ cat "$tmp/mkimage.log" >&2; exit 1; }

# The partition: the files plus 1 MiB, in MiB, at least 8 (FAT12/16).
sectors_per_mib=2048
bytes=$(($(stat -c %s "$image") + $(stat -c %s "$tmp/boot.scr")))
mib=$(((bytes >> 20) + 2))
((mib >= 8)) || mib=8
part_sectors=$((mib * sectors_per_mib))
mformat -i "$tmp/part.img" -C -T "$part_sectors" -h 2 -s 32 -v MEMBLOCKRV ::
mcopy -i "$tmp/part.img" "$image" ::payload.bin
mcopy -i "$tmp/part.img" "$tmp/boot.scr" ::boot.scr

# le32 N: N as four little-endian bytes, in printf's \x notation.
le32() {
	printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) \
		$((($1 >> 16) & 255)) $((($1 >> 24) & 255))
}

# MBR: partition 1 bootable (0x80), type 0x0e (FAT16, LBA), at LBA 2048;
# CHS fields 0xfe 0xff 0xff (use the LBA ones); signature 0x55 0xaa.
head -c $((sectors_per_mib * 512)) /dev/zero >"$tmp/disk.img"
{
	head -c 446 /dev/zero
	# shellcheck disable=SC2059  # the format is the bytes
	printf "\\x80\\xfe\\xff\\xff\\x0e\\xfe\\xff\\xff$(le32 $sectors_per_mib)$(le32 $part_sectors)"
	head -c 48 /dev/zero
	printf '\x55\xaa'
} | dd of="$tmp/disk.img" conv=notrunc status=none
cat "$tmp/part.img" >>"$tmp/disk.img"
mv "$tmp/disk.img" "$out"
