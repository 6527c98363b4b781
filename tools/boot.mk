# The payload as a Linux-style Image, and the disk U-Boot boots it from
# (issue 14).  Included by the top Makefile.
#
#   build/payload.bin       the flat Image: payload.elf's [_start,
#                           __image_load_end), Image header first
#   build/uboot/disk.img    MBR + FAT: payload.bin and boot.scr, for
#                           `make run BOOT=uboot` (tools/uboot-disk.sh)

IMAGE      := $(BUILD)/payload.bin
UBOOT_DISK := $(BUILD)/uboot/disk.img
UBOOT_DIR  ?= /usr/lib/u-boot/qemu-riscv64_smode
export UBOOT_DIR UBOOT_DISK

$(IMAGE): $(KERNEL)
	$(CROSS_OBJCOPY) -O binary $< $@

$(UBOOT_DISK): $(IMAGE) tools/boot.cmd tools/uboot-disk.sh
	@mkdir -p $(@D)
	tools/uboot-disk.sh $(IMAGE) tools/boot.cmd $@
