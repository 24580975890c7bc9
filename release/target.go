package main

import (
	"fmt"
	"slices"
	"strings"
)

// target is one platform a release is built for.
type target struct {
	GOOS, GOARCH string
}

// supported lists the platforms of a release, in the order they are built:
// servers on x86-64, Kunpeng and Phytium (ARM64) and Loongson (LoongArch),
// Windows PCs of content staff, and Macs. Kylin and UOS desktops run the
// linux builds of their CPU.
func supported() []target {
	return []target{
		{"linux", "amd64"},
		{"linux", "arm64"},
		{"linux", "loong64"},
		{"windows", "amd64"},
		{"darwin", "arm64"},
	}
}

func (t target) String() string { return t.GOOS + "/" + t.GOARCH }

// exe is the file name of the program cmd on t.
func (t target) exe(cmd string) string {
	if t.GOOS == "windows" {
		return cmd + ".exe"
	}
	return cmd
}

// archiveBase names t's archive without its extension, and the folder
// inside it: gazette_v1.2.3_linux_arm64.
func (t target) archiveBase(version string) string {
	return "gazette_" + version + "_" + t.GOOS + "_" + t.GOARCH
}

// archiveExt is .zip on Windows, where Explorer opens it, and .tar.gz
// elsewhere, which keeps the programs' executable bit.
func (t target) archiveExt() string {
	if t.GOOS == "windows" {
		return ".zip"
	}
	return ".tar.gz"
}

// parseTargets reads a comma-separated list such as
// "linux/arm64,windows/amd64"; "all" or "" means every supported target.
func parseTargets(s string) ([]target, error) {
	all := supported()
	if s == "" || s == "all" {
		return all, nil
	}
	var ts []target
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(all, func(t target) bool { return t.String() == name })
		if i < 0 {
			return nil, fmt.Errorf("-targets: %q is not a release platform; choose from %s", name, targetList(all))
		}
		if slices.Contains(ts, all[i]) {
			return nil, fmt.Errorf("-targets: %q is named twice", name)
		}
		ts = append(ts, all[i])
	}
	return ts, nil
}

func targetList(ts []target) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.String()
	}
	return strings.Join(names, ", ")
}
