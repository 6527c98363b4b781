# U-Boot script for `make run BOOT=uboot`: tools/uboot-disk.sh turns it into
# boot.scr (mkimage -T script) on the disk's FAT partition, where U-Boot's
# distro boot finds it and runs it with devtype, devnum, distro_bootpart and
# prefix set.  It loads the payload where a Linux Image goes and starts it
# with booti on the device tree U-Boot itself runs on (the one OpenSBI
# passed, /chosen/bootargs included).  booti moves the Image to RAM's start
# + text_offset, 0x80200000, where the payload is linked (U-Boot versions
# that run it where it was loaded leave that to the payload: it moves
# itself there).
echo memblock-rv: booti ${prefix}payload.bin from ${devtype} ${devnum}:${distro_bootpart}
if load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} ${prefix}payload.bin; then
	booti ${kernel_addr_r} - ${fdtcontroladdr}
fi
# Only reached when the load or booti failed: end QEMU, as nothing else will.
echo memblock-rv: U-Boot could not start payload.bin: powering off
poweroff
