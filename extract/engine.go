package extract

import (
	"context"
	"errors"
)

// ReadPages parses PDF bytes into pages of positioned lines in reading
// order. It may panic on malformed input; callers use Bytes, which recovers.
//
// TODO(issue 2): the text-positioning engine.
func ReadPages(ctx context.Context, data []byte) ([]Page, error) {
	return nil, errors.New("not implemented")
}
