//go:build unix && !linux

package rtmp

// sendVecNow writes bufs to a non-blocking socket with one sendNow per
// buffer, up to the first the socket does not take whole (Linux sends
// them in one system call, see send_vec_linux.go).
func sendVecNow(fd uintptr, bufs [][]byte) (int, error) {
	total := 0
	for _, b := range bufs {
		n, err := sendNow(fd, b, false)
		total += n
		if err != nil && total == 0 {
			return 0, err
		}
		if err != nil || n < len(b) {
			return total, nil // what was sent counts; an error shows at the next write
		}
	}
	return total, nil
}
