package main

import (
	"context"
	"fmt"
	"io"
)

// runDeploy is not written yet.
func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gazette deploy: not implemented yet")
	return 1
}
