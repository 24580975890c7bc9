package main

import (
	"context"
	"fmt"
	"io"
)

// runNew is not written yet.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gazette new: not implemented yet")
	return 1
}
