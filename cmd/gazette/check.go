package main

import (
	"context"
	"fmt"
	"io"
)

// runCheck is not written yet.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gazette check: not implemented yet")
	return 1
}
