// Tests of the app arrive here.
