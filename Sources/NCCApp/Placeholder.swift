// The app arrives here.
