package main

import (
	"context"
	"fmt"
	"io"
)

// runServe is not written yet.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gazette serve: not implemented yet")
	return 1
}
